-- One customer's order lines up to as_of, newest first (returns included, as negative amounts).
with
customer_orders as (
    select order_date, order_id, product, quantity, unit_price, amount, account_manager, source_row
    from
        filtered_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $scope_region, $scope_account_manager
        )
    where
        customer = $customer
        and order_date <= $as_of
)

select * from customer_orders
order by order_date desc, source_row desc
