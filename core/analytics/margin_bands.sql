-- Gross-margin band (PRODUCT.md § Loyalty and relationship levels). One row per customer with orders in the
-- window: margin = gross profit / net revenue; high >= the book's 67th percentile of customers' margins,
-- low < its 33rd, else medium. No profit on any of its lines (no cost or profit mapped) or no positive
-- revenue: no margin, medium.
with
orders_in_window as (
    select customer, amount, profit
    from
        window_orders(
            $region, $industry, $team, $account_manager, $product, $customer_type, $as_of, $window_days,
            $scope_region, $scope_account_manager
        )
),

customer_margin as (
    select
        customer,
        case
            when sum(amount) > 0 and count(profit) > 0 then sum(profit)::double / sum(amount)::double
        end as margin
    from orders_in_window
    group by customer
),

book_margins as (
    select
        quantile_cont(margin, $margin_high_quantile) as high_from,
        quantile_cont(margin, $margin_low_quantile) as low_below
    from customer_margin
)

select
    c.customer,
    c.margin,
    case
        when c.margin is null then 'medium'
        when c.margin >= b.high_from then 'high'
        when c.margin < b.low_below then 'low'
        else 'medium'
    end as margin_band
from customer_margin as c
cross join book_margins as b
order by c.customer
